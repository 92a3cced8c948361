package egovframework.msa.sample.catalogs.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskTest {

    @Test
    void namesKeepTheirFirstAndLastCharacter() {
        assertThat(PersonalDataMask.name("홍길동")).isEqualTo("홍*동");
        assertThat(PersonalDataMask.name("남궁길동")).isEqualTo("남**동");
        assertThat(PersonalDataMask.name("이순")).isEqualTo("이*");
        assertThat(PersonalDataMask.name("김")).isEqualTo("*");
        assertThat(PersonalDataMask.name("Hong Gildong")).isEqualTo("H**********g");
    }

    @Test
    void emailsKeepTwoCharactersAndTheDomain() {
        assertThat(PersonalDataMask.email("gildong@example.go.kr")).isEqualTo("gi*****@example.go.kr");
        assertThat(PersonalDataMask.email("ab@example.go.kr")).isEqualTo("a*@example.go.kr");
        assertThat(PersonalDataMask.email("a@example.go.kr")).isEqualTo("*@example.go.kr");
        assertThat(PersonalDataMask.email(null)).isNull();
    }

    @Test
    void phonesHideTheMiddleGroup() {
        assertThat(PersonalDataMask.phone("010-1234-5678")).isEqualTo("010-****-5678");
        assertThat(PersonalDataMask.phone("02-123-4567")).isEqualTo("02-***-4567");
        assertThat(PersonalDataMask.phone("01012345678")).isEqualTo("010****5678");
        assertThat(PersonalDataMask.phone("1234")).isEqualTo("****");
        assertThat(PersonalDataMask.phone(null)).isNull();
    }

    @Test
    void aMaskedCustomerHidesEveryField() {
        CustomerInfo masked = new CustomerInfo("홍길동", "gildong@example.go.kr", "010-1234-5678").masked();

        assertThat(masked.describe()).isEqualTo("name=홍*동, email=gi*****@example.go.kr, phone=010-****-5678");
    }
}
