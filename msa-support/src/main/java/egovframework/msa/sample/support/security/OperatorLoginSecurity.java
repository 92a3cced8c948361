package egovframework.msa.sample.support.security;

import egovframework.msa.sample.support.security.ManagementSecurityAutoConfiguration.ManagementLogin;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;

/** A security chain whose only user is the operators' login ({@code suite.management}). */
public abstract class OperatorLoginSecurity extends WebSecurityConfigurerAdapter {

    private final ManagementLogin login;

    protected OperatorLoginSecurity(ManagementLogin login) {
        this.login = login;
    }

    @Override
    protected void configure(AuthenticationManagerBuilder auth) throws Exception {
        login.addTo(auth);
    }
}
