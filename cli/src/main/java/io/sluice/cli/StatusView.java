package io.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackStatus;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Renders a stack status for people (a table) or for scripts (one JSON object). */
final class StatusView {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusView() {}

    static void print(PrintWriter out, StackStatus status, boolean json) {
        if (json) {
            out.println(json(status));
        }
        else {
            out.println("local stack in " + status.runDir());
            for (ServerStatus server : status.servers()) {
                out.printf("  %-10s %-9s pid %-8d %s%n", server.name(), server.healthy() ? "healthy" : "UNHEALTHY", server.pid(),
                        server.endpoints().entrySet().stream()
                                .filter(entry -> !entry.getKey().equals("secretKey"))
                                .map(entry -> entry.getKey() + "=" + entry.getValue())
                                .toList());
            }
            if (!status.healthy()) {
                out.println("  'sluice up' (or the next 'sluice run') starts the servers that are down again on their data; 'sluice down' stops the stack");
            }
        }
        out.flush();
    }

    /** One object per server holding its endpoints, {@code healthy} and {@code pid}. */
    static String json(StackStatus status) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("runDir", status.runDir().toString());
        root.put("running", true);
        for (ServerStatus server : status.servers()) {
            ObjectNode node = root.putObject(server.name());
            server.endpoints().forEach(node::put);
            node.put("healthy", server.healthy());
            node.put("pid", server.pid());
        }
        return write(root);
    }

    static String notRunningJson(Path runDir) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("runDir", runDir.toString());
        root.put("running", false);
        return write(root);
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
