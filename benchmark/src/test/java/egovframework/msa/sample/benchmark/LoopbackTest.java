package egovframework.msa.sample.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void acceptsLoopbackAddressesAndNames() {
        assertThat(Loopback.require("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(Loopback.require("127.0.0.2")).isEqualTo("127.0.0.2");
        assertThat(Loopback.require("::1")).isEqualTo("::1");
        assertThat(Loopback.require("localhost")).isEqualTo("localhost");
    }

    @Test
    void refusesAnyOtherHost() {
        assertThatThrownBy(() -> Loopback.require("192.0.2.10"))
                .isInstanceOf(BenchException.class).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> Loopback.require("10.0.0.1")).isInstanceOf(BenchException.class);
        assertThatThrownBy(() -> Loopback.require("0.0.0.0")).isInstanceOf(BenchException.class);
        assertThatThrownBy(() -> Loopback.require("")).isInstanceOf(BenchException.class);
        assertThatThrownBy(() -> Loopback.require(null)).isInstanceOf(BenchException.class);
    }

    @Test
    void bracketsIpv6LiteralsInUrls() {
        assertThat(Loopback.baseUrl("127.0.0.1", 8000)).isEqualTo("http://127.0.0.1:8000");
        assertThat(Loopback.baseUrl("::1", 8000)).isEqualTo("http://[::1]:8000");
    }
}
