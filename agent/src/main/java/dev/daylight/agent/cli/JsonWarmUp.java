package dev.daylight.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.daylight.protocol.Inventory;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Has Jackson build, on a helper thread, every serializer that printing an {@link Inventory} needs,
 * by printing two made-up inventories to nowhere. Preparing the root serializer is not enough:
 * the serializer of a list, map or enum property is found while printing, from the value's
 * runtime class ({@code List.copyOf} gives different classes for one and for three elements), and
 * building those was a sixth of the main thread's time in a scan. The samples are built from the
 * records' components, so a new field or record needs nothing here.
 */
final class JsonWarmUp {
  private JsonWarmUp() {}

  static void run(ObjectMapper mapper) {
    ObjectWriter writer = mapper.writerFor(Inventory.class);
    for (int size : new int[] {1, 3}) {
      Object sample = sample(Inventory.class, size, new HashSet<>());
      if (sample == null) {
        continue;
      }
      try {
        writer.writeValue(OutputStream.nullOutputStream(), sample);
      } catch (IOException | RuntimeException e) {
        // Only a warm-up: the real print builds whatever is missing.
      }
    }
  }

  private static Object sample(Type type, int size, Set<Class<?>> building) {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          Object item = sample(args[0], size, building);
          if (item == null) {
            return List.of();
          }
          items.add(item instanceof String s ? s + i : item);
        }
        return Set.class.isAssignableFrom(raw) ? Set.copyOf(items) : List.copyOf(items);
      }
      if (Map.class.isAssignableFrom(raw)) {
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          Object value = sample(args[1], size, building);
          if (value == null) {
            return Map.of();
          }
          entries.put("k" + i, value);
        }
        return Map.copyOf(entries);
      }
      return null;
    }
    return type instanceof Class<?> c ? scalarOrRecord(c, size, building) : null;
  }

  private static Object scalarOrRecord(Class<?> c, int size, Set<Class<?>> building) {
    if (c == String.class) {
      return "x";
    } else if (c == int.class || c == Integer.class) {
      return 1;
    } else if (c == long.class || c == Long.class) {
      return 1L;
    } else if (c == boolean.class || c == Boolean.class) {
      return Boolean.TRUE;
    } else if (c == double.class || c == Double.class) {
      return 1.0;
    } else if (c == Instant.class) {
      return Instant.EPOCH;
    } else if (c.isEnum()) {
      return c.getEnumConstants()[0];
    } else if (!c.isRecord() || !building.add(c)) {
      return null;
    }
    try {
      RecordComponent[] components = c.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = sample(components[i].getGenericType(), size, building);
        if (values[i] == null && types[i].isPrimitive()) {
          return null;
        }
      }
      Constructor<?> canonical = c.getDeclaredConstructor(types);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    } finally {
      building.remove(c);
    }
  }
}
