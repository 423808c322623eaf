package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog.Format;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads one target file into servers and errors, by the shape its catalog entry names. */
final class FileReader {
  private static final java.util.Set<String> OWN_REASONS =
      java.util.Set.of("entry is not an object");
  private final DocumentCache docs;
  private final ServerBuilder builder;

  FileReader(DocumentCache docs, ServerBuilder builder) {
    this.docs = docs;
    this.builder = builder;
  }

  record Outcome(List<McpServer> servers, List<ScanError> errors, boolean fileRead) {}

  Outcome read(Target t) {
    String path = t.path().toString();
    Documents.Outcome loaded = docs.load(t.path(), t.spec().format());
    if (loaded instanceof Documents.Absent) {
      return new Outcome(List.of(), List.of(), false);
    }
    if (loaded instanceof Documents.Failed f) {
      return new Outcome(List.of(), List.of(new ScanError(path, f.reason())), false);
    }
    Doc doc = ((Documents.Parsed) loaded).doc();
    List<McpServer> servers = new ArrayList<>();
    List<ScanError> errors = new ArrayList<>();
    if (t.spec().format() == Format.XML) {
      if (doc.text().isBlank()) {
        return new Outcome(servers, errors, true);
      }
      try {
        for (JetBrainsXml.Found f : JetBrainsXml.read(doc.text())) {
          servers.add(
              builder.assemble(t.client().id(), t.scope(), path, f.line(), f.name(), "", f.raw()));
        }
      } catch (IOException e) {
        return new Outcome(List.of(), List.of(new ScanError(path, e.getMessage())), false);
      }
      return new Outcome(servers, errors, true);
    }
    if (t.spec().shape().equals("connectors")) {
      servers.addAll(CloudConnectors.read(builder, t, doc));
      return new Outcome(servers, errors, true);
    }
    if (t.spec().shape().equals("mcpb")) {
      try {
        McpbManifest.read(builder, t.client(), t.path(), doc, docs).ifPresent(servers::add);
      } catch (RuntimeException e) {
        errors.add(
            new ScanError(
                path, "extension manifest not understood: " + e.getClass().getSimpleName()));
      }
      return new Outcome(servers, errors, true);
    }
    for (ServerEntries.Entry e :
        ServerEntries.find(doc.root(), t.spec(), t.scope(), builderDialect())) {
      try {
        servers.add(builder.build(t.client(), path, e, doc.line(e.pointer())));
      } catch (RuntimeException ex) {
        Integer line = doc.line(e.pointer());
        errors.add(
            new ScanError(
                path,
                "server '"
                    + e.name()
                    + "'"
                    + (line == null ? "" : " at line " + line)
                    + " skipped: "
                    + reason(ex)));
      }
    }
    return new Outcome(servers, errors, true);
  }

  private dev.daylight.agent.catalog.Catalog.Dialect builderDialect() {
    return builder.dialect();
  }

  /**
   * Our own messages only: the JDK's and libraries' exceptions (a bad URI, path or enum name) quote
   * the value they choked on, which came from the file and may be a secret.
   */
  private static String reason(RuntimeException ex) {
    return OWN_REASONS.contains(ex.getMessage()) ? ex.getMessage() : ex.getClass().getSimpleName();
  }
}
