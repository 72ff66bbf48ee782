package io.sluice.queryrunner.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Oracle answers kept on disk, one JSON file per catalog, schema and query text, so that the next run on the
 * same scale reads them instead of having Trino generate the data again (TPC-DS at SF 0.01: about 2.5 minutes
 * for 103 answers on two cores; more at larger scales). The file name carries a hash of the text, so a changed
 * text is computed afresh. Numbers are kept as decimal text, so an answer reads back with its scale (the
 * comparator's tolerance follows the expected value's last digit). A file that cannot be read is computed again
 * and replaced; one that cannot be written is only logged, since the answer is at hand.
 */
final class StoredAnswers
{
    private static final Logger log = LoggerFactory.getLogger(StoredAnswers.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DECIMAL = "decimal";

    private final Path directory;

    StoredAnswers(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /**
     * The stored answer of {@code sql} on {@code catalog.schema}, if there is a readable one.
     */
    Optional<ResultRows> read(String catalog, String schema, String queryName, String sql)
    {
        Path file = file(catalog, schema, queryName, sql);
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file));
            if (!root.path("sql").asText().equals(sql)) {
                log.warn("{} holds another query text than {}'s; computing the answer again", file, queryName);
                return Optional.empty();
            }
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode row : root.withArray("rows")) {
                List<Object> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell(cell, file)));
                rows.add(cells);
            }
            return Optional.of(new ResultRows(rows));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException | RuntimeException e) {
            log.warn("cannot read the stored answer {} ({}); computing it again", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Stores an answer, replacing what was there at once (a reader never sees half a file).
     */
    void write(String catalog, String schema, String queryName, String sql, ResultRows rows)
    {
        Path file = file(catalog, schema, queryName, sql);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("catalog", catalog);
        root.put("schema", schema);
        root.put("query", queryName);
        root.put("sql", sql);
        ArrayNode rowsNode = root.putArray("rows");
        for (List<Object> row : rows.rows()) {
            ArrayNode cells = rowsNode.addArray();
            for (Object cell : row) {
                switch (cell) {
                    case null -> cells.addNull();
                    case BigDecimal decimal -> cells.addObject().put(DECIMAL, decimal.toString());
                    case String text -> cells.add(text);
                    default -> throw new IllegalArgumentException("not a canonical cell (null, BigDecimal or String): " + cell.getClass().getName());
                }
            }
        }
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
            Files.writeString(partial, MAPPER.writeValueAsString(root));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            log.warn("cannot store the answer of {} in {}: {}", queryName, directory, e.toString());
        }
    }

    Path file(String catalog, String schema, String queryName, String sql)
    {
        return directory.resolve("%s.%s-%s-%s.json".formatted(catalog, schema, queryName, hash(catalog + "\n" + schema + "\n" + sql)));
    }

    private static Object cell(JsonNode cell, Path file)
    {
        if (cell.isNull()) {
            return null;
        }
        if (cell.isTextual()) {
            return cell.asText();
        }
        if (cell.isObject() && cell.path(DECIMAL).isTextual()) {
            return new BigDecimal(cell.path(DECIMAL).asText());
        }
        throw new IllegalArgumentException("%s: a cell must be null, text or {\"decimal\": \"…\"}: %s".formatted(file, cell));
    }

    private static String hash(String text)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
