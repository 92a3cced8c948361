package egovframework.msa.sample.catalogs.api;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link CustomerInfoResponse} as {@code text/plain} in the guide's envelope. Boot puts converter beans
 * ahead of its defaults, so for {@code Accept: *}{@code /*}, a browser's Accept or none, text wins over JSON.
 */
@Component
class GuideFormatConverter extends AbstractHttpMessageConverter<CustomerInfoResponse> {

    GuideFormatConverter() {
        super(StandardCharsets.UTF_8, MediaType.TEXT_PLAIN);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CustomerInfoResponse.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected CustomerInfoResponse readInternal(Class<? extends CustomerInfoResponse> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("the guide's text format is written, never read", input);
    }

    @Override
    protected void writeInternal(CustomerInfoResponse response, HttpOutputMessage output) throws IOException {
        output.getBody().write(response.guideFormat().getBytes(StandardCharsets.UTF_8));
    }
}
