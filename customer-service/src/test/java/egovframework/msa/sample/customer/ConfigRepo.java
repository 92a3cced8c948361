package egovframework.msa.sample.customer;

/**
 * For test contexts without a config server: they read config-repo's application.yml and customer.yml, the
 * files the config server serves this service, so a change there is what the tests check.
 */
public final class ConfigRepo {

    public static final String NAMES = "spring.config.name=application,customer";
    public static final String LOCATION = "spring.config.additional-location=file:../config-repo/";

    private ConfigRepo() {
    }
}
