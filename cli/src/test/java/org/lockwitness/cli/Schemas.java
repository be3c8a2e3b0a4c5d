package org.lockwitness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The two JSON schemas the tests hold our output to, with networknt's validator. */
final class Schemas {
    /** docs/witness.schema.json, draft 2020-12. */
    static final Schema WITNESS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(read(Path.of("..", "docs", "witness.schema.json")));
    /** The OASIS SARIF 2.1.0 schema, draft-07. */
    static final Schema SARIF = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(resource("/sarif-schema-2.1.0.json"));

    private Schemas() {
    }

    /** The validation errors of a JSON text, as strings; empty when valid. */
    static List<String> errors(Schema schema, String json) {
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    static List<String> errors(Schema schema, Path file) throws IOException {
        return errors(schema, Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Schemas.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
