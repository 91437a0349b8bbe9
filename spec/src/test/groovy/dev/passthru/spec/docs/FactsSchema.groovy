package dev.passthru.spec.docs

import com.networknt.schema.Error
import com.networknt.schema.InputFormat
import com.networknt.schema.Schema
import com.networknt.schema.SchemaRegistry
import com.networknt.schema.SpecificationVersion
import dev.passthru.spec.Repo

/** docs/facts.schema.json, loaded once, and what it says about one {@code passthru facts --json} document. */
final class FactsSchema {
    private FactsSchema() {}

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Repo.file('docs/facts.schema.json').getText('UTF-8'), InputFormat.JSON)

    /** Every violation of the schema, one line each (empty when the document conforms). */
    static List<String> errors(String json) {
        SCHEMA.validate(json, InputFormat.JSON).collect { Error e -> e.toString() }
    }
}
