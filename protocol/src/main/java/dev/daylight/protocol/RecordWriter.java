package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes protocol records in exactly the form {@link Json#mapper()} gives them, through Jackson's
 * streaming generator. The mapper builds a serializer for each type by introspection the first time
 * it meets it, about 70 ms of CPU for an {@link Inventory}: a third of what a one-shot CLI scan
 * spends after discovery. The types an inventory holds are few and plain (records, strings,
 * numbers, booleans, instants, enums with a {@link JsonValue} method, lists and string maps), so
 * this reads record components directly. {@code RecordWriterTest} holds it to the mapper's bytes.
 */
public final class RecordWriter {
  private record Property(String name, Method accessor) {}

  private static final Map<Class<?>, Property[]> RECORDS = new ConcurrentHashMap<>();
  /** Per enum, its {@link JsonValue} method; empty when it is written by name, as the mapper does. */
  private static final Map<Class<?>, Optional<Method>> ENUM_VALUES = new ConcurrentHashMap<>();

  private RecordWriter() {}

  /**
   * Writes {@code value}.
   *
   * @throws IllegalArgumentException for a type the protocol's inventory does not use (a
   *     {@code JsonNode}, say): use the mapper for those
   */
  public static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Instant t) {
      g.writeString(t.toString()); // ISO-8601, as JavaTimeModule writes it without timestamps
    } else if (value instanceof Enum<?> e) {
      write(g, enumValue(e));
    } else if (value instanceof List<?> list) {
      g.writeStartArray(list, list.size());
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject(map, map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Record r) {
      g.writeStartObject(r);
      for (Property p : properties(r.getClass())) {
        g.writeFieldName(p.name());
        write(g, invoke(p.accessor(), r));
      }
      g.writeEndObject();
    } else {
      throw new IllegalArgumentException("not a type of the inventory: " + value.getClass().getName());
    }
  }

  /**
   * Looks up, ahead of writing, the properties of {@code type} and of every record and enum its
   * components hold, so a thread with time to spare can take that reflection off the writer's.
   */
  public static void prepare(Class<?> type) {
    if (type.isRecord() && !RECORDS.containsKey(type)) {
      for (Property p : properties(type)) {
        prepare(p.accessor().getGenericReturnType());
      }
    } else if (type.isEnum()) {
      ENUM_VALUES.computeIfAbsent(type, RecordWriter::findJsonValue);
    }
  }

  private static void prepare(Type type) {
    if (type instanceof Class<?> c) {
      prepare(c);
    } else if (type instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        prepare(argument);
      }
    }
  }

  private static Property[] properties(Class<?> type) {
    Property[] known = RECORDS.get(type);
    if (known != null) {
      return known;
    }
    RecordComponent[] components = type.getRecordComponents();
    Property[] properties = new Property[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      Method accessor = c.getAccessor();
      // @JsonProperty does not target record components: javac puts it on the accessor.
      JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
      accessor.setAccessible(true); // records nested in package-private classes
      properties[i] = new Property(name, accessor);
    }
    RECORDS.put(type, properties);
    return properties;
  }

  private static Object enumValue(Enum<?> e) {
    Optional<Method> wire = ENUM_VALUES.computeIfAbsent(e.getDeclaringClass(), RecordWriter::findJsonValue);
    return wire.isPresent() ? invoke(wire.get(), e) : e.name();
  }

  private static Optional<Method> findJsonValue(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getParameterCount() == 0 && m.isAnnotationPresent(JsonValue.class)) {
        m.setAccessible(true);
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
  }
}
