package org.guidelinekb.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The server's JSON settings, in one place: request bodies may nest at most {@value #MAX_NESTING} levels (a deeper
 * document is refused with 400 before it can exhaust the stack), numbers and strings are bounded.
 */
public final class Json {
    public static final int MAX_NESTING = 64;

    /** Configured once; an ObjectMapper is thread-safe for reading and writing once configured. */
    public static final ObjectMapper MAPPER = newMapper();

    private Json() {}

    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).maxStringLength(1_000_000).build())
                .build();
        return new ObjectMapper(factory).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
