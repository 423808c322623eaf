package dev.daylight.agent.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import java.util.Locale;

/** Renders one stored inventory in the formats security tooling reads. Pure: no I/O. */
public final class Exports {
  public enum Format {
    JSON,
    CSV,
    CYCLONEDX,
    OCSF,
    SARIF;

    public static Format parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  private Exports() {}

  public static String render(Format format, Inventory inventory, String toolVersion) {
    return switch (format) {
      case JSON -> json(inventory);
      case CSV -> CsvExport.write(inventory);
      case CYCLONEDX -> CycloneDxExport.write(inventory, toolVersion);
      case OCSF -> OcsfExport.write(inventory, toolVersion);
      case SARIF -> SarifExport.write(inventory, toolVersion);
    };
  }

  private static String json(Inventory inventory) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(inventory);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
