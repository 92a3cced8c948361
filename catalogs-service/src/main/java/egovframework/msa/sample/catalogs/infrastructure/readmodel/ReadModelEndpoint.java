package egovframework.msa.sample.catalogs.infrastructure.readmodel;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.stereotype.Component;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /actuator/readmodel} on the management port (operator login): what catalogs would answer from when
 * customer-service cannot, without personal data. {@code /actuator/readmodel/{customerId}} gives one
 * customer's last sequence, when that state was true (asOf) and when catalogs applied it (appliedAt), which
 * is how the benchmark measures how far the read model lags behind a write;
 * {@code /actuator/readmodel?ids=1,2,3} gives up to {@value #MAX_IDS} at once (each request pays for the
 * operator login's password hash, about a third of a second on a busy machine).
 */
@Component
@Endpoint(id = "readmodel")
class ReadModelEndpoint {

    private final JdbcCustomerSnapshots snapshots;

    ReadModelEndpoint(JdbcCustomerSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    static final int MAX_IDS = 500;

    /** @param ids comma-separated customer ids: their bookkeeping instead of the summary */
    @ReadOperation
    Object summary(@Nullable String ids) {
        if (ids == null) {
            return isoInstants(snapshots.summary());
        }
        List<Long> customerIds = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.strip().matches("[0-9]{1,18}") || customerIds.size() == MAX_IDS) {
                throw new InvalidEndpointRequestException("ids must be up to " + MAX_IDS + " customer ids, comma-separated",
                        "ids must be up to " + MAX_IDS + " customer ids, comma-separated");
            }
            customerIds.add(Long.parseLong(id.strip()));
        }
        List<Map<String, Object>> found = new ArrayList<>();
        customerIds.forEach(id -> snapshots.bookkeeping(id).map(ReadModelEndpoint::isoInstants).ifPresent(found::add));
        return found;
    }

    /** @return null (HTTP 404) for a customer the read model has never seen */
    @ReadOperation
    Map<String, Object> customer(@Selector long customerId) {
        return snapshots.bookkeeping(customerId).map(ReadModelEndpoint::isoInstants).orElse(null);
    }

    /** Instants as ISO-8601 text, whatever the JSON mapper's date settings. */
    private static Map<String, Object> isoInstants(Map<String, Object> values) {
        Map<String, Object> text = new LinkedHashMap<>();
        values.forEach((key, value) -> text.put(key, value instanceof Instant ? value.toString() : value));
        return text;
    }
}
