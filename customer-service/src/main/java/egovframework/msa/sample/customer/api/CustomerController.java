package egovframework.msa.sample.customer.api;

import egovframework.msa.sample.customer.application.CustomerService;
import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.CustomerPage;
import egovframework.msa.sample.customer.domain.InvalidValueException;
import egovframework.msa.sample.support.accessrecord.AccessAction;
import egovframework.msa.sample.support.accessrecord.AccessRecords;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

/**
 * REST resource for the customer bounded context. Ids and paging arrive as text and are validated here.
 *
 * <p>Every read, list, change and deletion of customers' personal data is recorded (개인정보 접속기록,
 * msa-support's AccessRecords): each method opens its record before it touches the data, so that when records
 * cannot be kept the request is refused (503) and the data left alone; the request's result completes it.
 */
@RestController
@RequestMapping(path = "/customers", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {

    private final CustomerService service;
    private final PagingProperties paging;
    private final AccessRecords records;

    CustomerController(CustomerService service, PagingProperties paging, AccessRecords records) {
        this.service = service;
        this.paging = paging;
        this.records = records;
    }

    @GetMapping("/{id}")
    CustomerResponse get(@PathVariable String id) {
        CustomerId customerId = CustomerId.parse(id);
        records.open(AccessAction.READ, customerId.toString());
        return CustomerResponse.of(service.get(customerId));
    }

    /** Not a Spring Data Pageable: its resolver quietly clamps or ignores a bad page or size; here they are a 400. */
    @GetMapping
    CustomerPageResponse list(@RequestParam(required = false) String page,
                              @RequestParam(required = false) String size) {
        int pageSize = parseInt("size", size, paging.getDefaultSize(), 1, paging.getMaxSize());
        // The database offset (page x size) is an int: a page beyond it is refused, not overflowed.
        int pageNumber = parseInt("page", page, 0, 0, Integer.MAX_VALUE / pageSize - 1);
        records.open(AccessAction.LIST);
        CustomerPage customers = service.list(pageNumber, pageSize);
        records.customers(customers.customers().stream().map(c -> c.id().toString()).toArray(String[]::new));
        return new CustomerPageResponse(customers);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CustomerResponse> register(@RequestBody CustomerRequest request) {
        records.open(AccessAction.REGISTER);
        Customer customer = service.register(request.toDetails());
        records.customers(customer.id().toString());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(customer.id().value()).toUri();
        return ResponseEntity.created(location).body(CustomerResponse.of(customer));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CustomerResponse change(@PathVariable String id, @RequestBody CustomerRequest request) {
        CustomerId customerId = CustomerId.parse(id);
        records.open(AccessAction.CHANGE, customerId.toString());
        return CustomerResponse.of(service.change(customerId, request.toDetails()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        CustomerId customerId = CustomerId.parse(id);
        records.open(AccessAction.DELETE, customerId.toString());
        service.delete(customerId);
        return ResponseEntity.noContent().build();
    }

    private static int parseInt(String field, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidValueException(field, "must be a whole number from " + min + " to " + max);
    }
}
