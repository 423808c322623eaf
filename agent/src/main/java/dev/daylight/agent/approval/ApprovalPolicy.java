package dev.daylight.agent.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which capability classes need an approval: the fleet's list when its policy names one (stored at
 * each policy pull), else the rules file's {@code approval.classes}, else the built-in default of
 * {@code approval-classes.json}.
 */
public final class ApprovalPolicy {
  /**
   * Store setting: the fleet's list as a JSON array, blank when the fleet leaves it to each
   * machine.
   */
  public static final String FLEET_CLASSES = "approval.classes.fleet";

  private static final Logger log = LoggerFactory.getLogger(ApprovalPolicy.class);
  private static final List<String> DEFAULT = load();

  private ApprovalPolicy() {}

  public static List<String> defaults() {
    return DEFAULT;
  }

  /**
   * {@code classes} when every id is a known class; else a message naming the unknown one and the
   * known ones.
   */
  public static List<String> check(List<String> classes, String where) {
    for (String c : classes) {
      if (!Capabilities.classIds().contains(c)) {
        throw new IllegalArgumentException(
            where
                + ": unknown capability class '"
                + c
                + "' (known: "
                + String.join(", ", Capabilities.classIds())
                + ")");
      }
    }
    return List.copyOf(classes);
  }

  /** The store setting for the fleet's list ({@code null}: the fleet leaves it to each machine). */
  public static String fleetSetting(List<String> fleet) {
    try {
      return fleet == null ? "" : Json.mapper().writeValueAsString(fleet);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The list in effect: the fleet's, else {@code local} (the rules file's, or null), else the
   * default.
   */
  static List<String> needed(Store store, List<String> local) {
    String fleet = store.setting(FLEET_CLASSES).orElse("");
    if (!fleet.isBlank()) {
      try {
        List<String> out = new ArrayList<>();
        for (String c : Json.mapper().readValue(fleet, new TypeReference<List<String>>() {})) {
          if (Capabilities.classIds().contains(c)) {
            out.add(c);
          } else {
            log.warn(
                "the fleet policy names capability class '{}', which this agent does not know; ignored",
                c);
          }
        }
        return out;
      } catch (IOException e) {
        log.warn(
            "the stored fleet approval classes are not readable ({}); using the local list",
            e.getMessage());
      }
    }
    return local != null ? local : DEFAULT;
  }

  private static List<String> load() {
    try (InputStream in = ApprovalPolicy.class.getResourceAsStream("approval-classes.json")) {
      if (in == null) {
        throw new IllegalStateException("approval-classes.json is missing");
      }
      return check(JsonTrees.strings(JsonTrees.read(in), "classes"), "approval-classes.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
