package dev.daylight.agent.intel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The part of an OSV record (schema 1.x) that matching needs. Unknown fields are ignored so newer
 * schema minors load; absent lists are empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OsvRecord(
    String id,
    String modified,
    String withdrawn,
    List<String> aliases,
    String summary,
    List<Affected> affected,
    @JsonProperty("database_specific") DatabaseSpecific databaseSpecific) {

  OsvRecord {
    aliases = aliases == null ? List.of() : aliases;
    affected = affected == null ? List.of() : affected;
  }

  boolean isWithdrawn() {
    return withdrawn != null && !withdrawn.isBlank();
  }

  /** GitHub's {@code CRITICAL/HIGH/MODERATE/LOW} rating, when the record carries one. */
  String severity() {
    return databaseSpecific == null ? null : databaseSpecific.severity();
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DatabaseSpecific(String severity) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Affected(@JsonProperty("package") Pkg pkg, List<Range> ranges, List<String> versions) {
    Affected {
      ranges = ranges == null ? List.of() : ranges;
      versions = versions == null ? List.of() : versions;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Pkg(String ecosystem, String name, String purl) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Range(String type, List<Event> events) {
    Range {
      events = events == null ? List.of() : events;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Event(
      String introduced,
      String fixed,
      @JsonProperty("last_affected") String lastAffected,
      String limit) {}
}
