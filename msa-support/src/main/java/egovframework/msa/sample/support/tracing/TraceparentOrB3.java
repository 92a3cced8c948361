package egovframework.msa.sample.support.tracing;

import brave.propagation.B3Propagation;
import brave.propagation.Propagation;
import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import java.util.List;

/**
 * Reads a caller's W3C {@code traceparent} or B3 headers ({@code b3}, {@code X-B3-TraceId}...), the first
 * found in that order, and writes both on every outgoing call and message, so a hop that knows only one of
 * them still joins the trace. Sleuth 2.2 (Hoxton) knows B3 only ({@code spring.sleuth.propagation.type}
 * came with Sleuth 3), Brave 5 has no composite propagation, and the W3C library for Brave
 * (brave-propagation-tracecontext 0.2) ignores a {@code traceparent} sent without a {@code tracestate},
 * which the W3C recommendation makes optional; hence this small one. {@code tracestate} is not carried.
 *
 * <p>At the edge ({@link #atTheEdge()}, the gateway) a caller's trace id is kept, so it can still correlate,
 * but not its sampling decision or debug flag (traceparent flags 01, {@code X-B3-Sampled}, {@code X-B3-Flags: 1},
 * the last part of {@code b3}, or {@code b3: 1}/{@code d} alone): the gateway's own sampler decides
 * ({@code spring.sleuth.sampler.probability}), so no caller can have every request reported to Zipkin. Behind
 * the gateway the decision that comes in is the gateway's and is kept.
 */
final class TraceparentOrB3 extends Propagation.Factory {

    static final String TRACEPARENT = "traceparent";

    private final Propagation<String> b3 = B3Propagation.newFactoryBuilder()
            .injectFormat(B3Propagation.Format.MULTI).build().get();
    private final Propagation<String> both = new Both();
    private final boolean callerDecides;

    private TraceparentOrB3(boolean callerDecides) {
        this.callerDecides = callerDecides;
    }

    /** Inside the suite: the incoming sampling decision is the gateway's, and kept. */
    static TraceparentOrB3 inside() {
        return new TraceparentOrB3(true);
    }

    /** At the gateway: the trace id continues, the caller's sampling decision and debug flag do not. */
    static TraceparentOrB3 atTheEdge() {
        return new TraceparentOrB3(false);
    }

    @Override
    @SuppressWarnings({"unchecked", "deprecation"})
    public <K> Propagation<K> create(Propagation.KeyFactory<K> keyFactory) {
        if (keyFactory != Propagation.KeyFactory.STRING) {
            throw new UnsupportedOperationException("only String keys (header names) are supported");
        }
        return (Propagation<K>) both;
    }

    @Override
    public Propagation<String> get() {
        return both;
    }

    /** W3C gives each hop its own span id; B3 lets client and server share one. Every hop gets its own. */
    @Override
    public boolean supportsJoin() {
        return false;
    }

    /** traceparent carries 128-bit trace ids only. */
    @Override
    public boolean requires128BitTraceId() {
        return true;
    }

    private final class Both implements Propagation<String> {

        @Override
        public List<String> keys() {
            return List.of(TRACEPARENT, "b3", "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");
        }

        @Override
        public <R> TraceContext.Injector<R> injector(Propagation.Setter<R, String> setter) {
            TraceContext.Injector<R> toB3 = b3.injector(setter);
            return (context, request) -> {
                setter.put(request, TRACEPARENT, traceparent(context));
                toB3.inject(context, request);
            };
        }

        @Override
        public <R> TraceContext.Extractor<R> extractor(Propagation.Getter<R, String> getter) {
            TraceContext.Extractor<R> fromB3 = b3.extractor(getter);
            return request -> {
                TraceContext fromW3c = parseTraceparent(getter.get(request, TRACEPARENT));
                TraceContextOrSamplingFlags extracted = fromW3c != null ? TraceContextOrSamplingFlags.create(fromW3c)
                        : fromB3.extract(request);
                return callerDecides ? extracted : withoutSamplingDecision(extracted);
            };
        }
    }

    /** The trace id and span id only: sampled and debug unset, for the local sampler to decide. */
    static TraceContextOrSamplingFlags withoutSamplingDecision(TraceContextOrSamplingFlags extracted) {
        TraceContext context = extracted.context();
        if (context != null) {
            return TraceContextOrSamplingFlags.create(context.toBuilder().debug(false).sampled(null).build());
        }
        // Only flags (b3: 1, X-B3-Sampled alone...): nothing of the caller's is left.
        return extracted.traceIdContext() == null ? TraceContextOrSamplingFlags.EMPTY
                : TraceContextOrSamplingFlags.create(extracted.traceIdContext().toBuilder().debug(false).sampled(null).build());
    }

    /** {@code 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>}; flag 01 = sampled. */
    static String traceparent(TraceContext context) {
        return String.format("00-%016x%016x-%016x-%s", context.traceIdHigh(), context.traceId(), context.spanId(),
                Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /**
     * The context a valid {@code traceparent} names, or null. Versions other than 00 are read as 00 where they
     * start like it (the recommendation's rule for future versions); all-zero ids and version ff are invalid.
     */
    static TraceContext parseTraceparent(String value) {
        if (value == null) {
            return null;
        }
        String header = value.trim();
        boolean lengthFits = header.length() == 55 || (header.length() > 55 && header.charAt(55) == '-' && !header.startsWith("00"));
        if (!lengthFits || header.charAt(2) != '-' || header.charAt(35) != '-' || header.charAt(52) != '-'
                || !lowerHex(header, 0, 2) || header.startsWith("ff")
                || !lowerHex(header, 3, 35) || !lowerHex(header, 36, 52) || !lowerHex(header, 53, 55)) {
            return null;
        }
        long traceIdHigh = Long.parseUnsignedLong(header.substring(3, 19), 16);
        long traceId = Long.parseUnsignedLong(header.substring(19, 35), 16);
        long spanId = Long.parseUnsignedLong(header.substring(36, 52), 16);
        if ((traceIdHigh == 0 && traceId == 0) || spanId == 0) {
            return null;
        }
        boolean sampled = (Integer.parseInt(header.substring(53, 55), 16) & 1) == 1;
        return TraceContext.newBuilder().traceIdHigh(traceIdHigh).traceId(traceId).spanId(spanId).sampled(sampled).build();
    }

    private static boolean lowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
