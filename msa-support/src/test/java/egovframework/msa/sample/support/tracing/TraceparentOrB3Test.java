package egovframework.msa.sample.support.tracing;

import brave.propagation.Propagation;
import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentOrB3Test {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private final Propagation<String> propagation = TraceparentOrB3.inside().get();
    private final Propagation<String> edge = TraceparentOrB3.atTheEdge().get();

    private TraceContextOrSamplingFlags extract(Map<String, String> headers) {
        return propagation.<Map<String, String>>extractor(Map::get).extract(headers);
    }

    private TraceContextOrSamplingFlags extractAtTheEdge(Map<String, String> headers) {
        return edge.<Map<String, String>>extractor(Map::get).extract(headers);
    }

    @Test
    void aW3cTraceparentIsJoined() {
        TraceContext context = extract(Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")).context();
        assertThat(context.traceIdString()).isEqualTo(TRACE_ID);
        assertThat(context.spanIdString()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.sampled()).isTrue();
        assertThat(extract(Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-00")).context().sampled()).isFalse();
    }

    @Test
    void b3HeadersAreJoinedInBothTheirForms() {
        assertThat(extract(Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", "00f067aa0ba902b7", "X-B3-Sampled", "1"))
                .context().traceIdString()).isEqualTo(TRACE_ID);
        assertThat(extract(Map.of("b3", TRACE_ID + "-00f067aa0ba902b7-1")).context().traceIdString()).isEqualTo(TRACE_ID);
    }

    @Test
    void aMalformedTraceparentFallsBackToB3AndNothingValidStartsANewTrace() {
        assertThat(extract(Map.of("traceparent", "00-not-hex-01", "b3", TRACE_ID + "-00f067aa0ba902b7-1"))
                .context().traceIdString()).isEqualTo(TRACE_ID);
        assertThat(extract(Map.of("traceparent", "garbage")).context()).isNull();
        String span = "-00f067aa0ba902b7-01";
        assertThat(extract(Map.of("traceparent", "00-" + "0".repeat(32) + span)).context()).as("all-zero trace id").isNull();
        assertThat(extract(Map.of("traceparent", "ff-" + TRACE_ID + span)).context()).as("version ff").isNull();
        assertThat(extract(Map.of("traceparent", "00-" + TRACE_ID.toUpperCase() + span)).context()).as("upper case").isNull();
        assertThat(extract(Map.of("traceparent", "00-" + TRACE_ID + span + "-more")).context()).as("version 00 is exact").isNull();
        assertThat(extract(Map.of("traceparent", "01-" + TRACE_ID + span + "-more")).context().traceIdString())
                .as("a later version read as 00").isEqualTo(TRACE_ID);
        assertThat(extract(Map.of()).context()).isNull();
    }

    /** Every way a caller can ask for a trace to be sampled or debugged, each with the caller's trace id. */
    static Stream<Map<String, String>> forcedSamplingWithATraceId() {
        return Stream.of(
                Map.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01"),
                Map.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-ff"),
                Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "1"),
                Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "true"),
                Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Flags", "1"),
                Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "0"),
                Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-1"),
                Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-d"),
                Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-0"),
                Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-1-" + "00f067aa0ba90200"));
    }

    @ParameterizedTest
    @MethodSource("forcedSamplingWithATraceId")
    void atTheEdgeTheTraceIdContinuesWithoutTheCallersSamplingDecision(Map<String, String> headers) {
        TraceContextOrSamplingFlags inside = extract(headers);
        assertThat(inside.context().sampled()).as("inside the suite the decision is kept").isNotNull();

        TraceContextOrSamplingFlags extracted = extractAtTheEdge(headers);
        TraceContext context = extracted.context();
        assertThat(context.traceIdString()).isEqualTo(TRACE_ID);
        assertThat(context.spanIdString()).isEqualTo(SPAN_ID);
        assertThat(context.sampled()).as("sampled").isNull();
        assertThat(context.debug()).as("debug").isFalse();
        assertThat(extracted.sampled()).isNull();
    }

    @ParameterizedTest
    @MethodSource("flagsAlone")
    void atTheEdgeFlagsAloneLeaveNothing(Map<String, String> headers) {
        assertThat(extract(headers).sampled()).as("inside the suite the decision is kept").isNotNull();
        TraceContextOrSamplingFlags extracted = extractAtTheEdge(headers);
        assertThat(extracted.context()).isNull();
        assertThat(extracted.sampled()).isNull();
        assertThat(extracted.samplingFlags().debug()).isFalse();
    }

    static List<Map<String, String>> flagsAlone() {
        return List.of(Map.of("b3", "1"), Map.of("b3", "d"), Map.of("b3", "0"), Map.of("X-B3-Sampled", "1"),
                Map.of("X-B3-Flags", "1"));
    }

    @Test
    void outgoingCallsCarryBothFormatsOfTheSameTrace() {
        TraceContext context = TraceContext.newBuilder().traceIdHigh(0x4bf92f3577b34da6L).traceId(0xa3ce929d0e0e4736L)
                .spanId(0x00f067aa0ba902b7L).sampled(true).build();
        Map<String, String> headers = new HashMap<>();
        propagation.<Map<String, String>>injector(Map::put).inject(context, headers);
        assertThat(headers).containsEntry("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .containsEntry("X-B3-TraceId", TRACE_ID).containsEntry("X-B3-SpanId", "00f067aa0ba902b7");
        assertThat(extract(headers).context()).isEqualTo(context);
    }
}
