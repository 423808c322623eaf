package dev.daylight.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.collector.ApiException;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging: a page ends with the sort key of its last row, sent back as an opaque cursor, and
 * the next page starts after it. No offset, so a page deep in a 100,000-device list costs what the
 * first one does, and rows written meanwhile neither repeat nor vanish.
 */
public final class Cursor {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private Cursor() {}

  /** The key values a cursor carries (strings and numbers), or null for the first page. */
  public static List<Object> decode(String cursor, int arity) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      JsonNode n = Json.mapper().readTree(Base64.getUrlDecoder().decode(cursor));
      if (!n.isArray() || n.size() != arity) {
        throw ApiException.badRequest("cursor does not belong to this list");
      }
      List<Object> out = new ArrayList<>();
      for (JsonNode v : n) {
        out.add(v.isIntegralNumber() ? (Object) v.asLong() : v.isNull() ? null : v.asText());
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.badRequest("cursor is not one this collector gave out");
    }
  }

  /**
   * The key values of a cursor whose elements are, in order, of {@code types} ({@code String} or
   * {@code Long}), none null; or null for the first page. A cursor of another shape, which this
   * collector never gave out, is a 400 rather than a failing query.
   */
  public static List<Object> decode(String cursor, Class<?>... types) {
    List<Object> key = decode(cursor, types.length);
    if (key != null) {
      for (int i = 0; i < types.length; i++) {
        if (!types[i].isInstance(key.get(i))) {
          throw ApiException.badRequest("cursor does not belong to this list");
        }
      }
    }
    return key;
  }

  public static String encode(List<Object> key) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Json.mapper().writeValueAsBytes(key));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One page of a list and the cursor of the next, null after the last. */
  public record Page<T>(List<T> rows, String next) {}

  /**
   * The first {@code limit} rows of a query that fetched {@code limit + 1}, and when there were
   * more, the cursor made of the last row's {@code key}.
   */
  public static <T> Page<T> page(List<T> rows, int limit, Function<T, List<Object>> key) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> page = List.copyOf(rows.subList(0, limit));
    return new Page<>(page, encode(key.apply(page.get(limit - 1))));
  }
}
