package egovframework.msa.sample.customer.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;

/**
 * A text field that accepts JSON strings only. Jackson would otherwise turn {@code "name": 12345} or
 * {@code true} into the text "12345" and store it; a client that sends a number where text belongs has
 * made a mistake worth a 400.
 */
final class StrictText extends JsonDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            return parser.getText();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
