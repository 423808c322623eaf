package dev.daylight.agent.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Helpers for the picocli models that are built in code rather than read from annotations: the
 * root command and {@code scan}, which every scan starts through. Reading annotations made picocli
 * the largest single cost of a one-shot scan's main thread (the JDK generates a proxy class per
 * annotation type, and picocli looks for annotations on every field and method it meets, the
 * JDK's own included). The other commands stay annotated; they start rarely.
 */
final class CodedSpec {
  private CodedSpec() {}

  /**
   * Creates what picocli asks its factory for: a coded command needs only the collections of its
   * repeatable options, which picocli's default factory makes. That factory is created on first
   * use only: its class set-up looks for Groovy on the class path, opening every jar.
   */
  static final IFactory FACTORY = new IFactory() {
    private IFactory delegate;

    @Override
    public synchronized <K> K create(Class<K> cls) throws Exception {
      if (delegate == null) {
        delegate = CommandLine.defaultFactory();
      }
      return delegate.create(cls);
    }
  };

  /** {@code -h/--help} and {@code -V/--version}, as picocli's {@code mixinStandardHelpOptions} adds them. */
  static void standardHelpOptions(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
  }

  /** An option whose value lives in a field of the command (or of one of its option groups). */
  static <V> OptionSpec.Builder option(String name, String label, Class<V> type, String description,
      Supplier<V> get, Consumer<V> set) {
    Field<V> field = new Field<>(get, set);
    // The field's value now is what picocli resets it to before parsing, as for an annotated field.
    OptionSpec.Builder b = OptionSpec.builder(name).type(type).description(description).getter(field).setter(field)
        .initialValue(get.get());
    return label == null ? b : b.paramLabel(label);
  }

  /** A flag (an option without a value) kept in a boolean field. */
  static OptionSpec flag(String name, String description, Supplier<Boolean> get, Consumer<Boolean> set) {
    return option(name, null, boolean.class, description, get, set).build();
  }

  private static final class Field<V> implements IGetter, ISetter {
    private final Supplier<V> get;
    private final Consumer<V> set;

    Field(Supplier<V> get, Consumer<V> set) {
      this.get = get;
      this.set = set;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) get.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T previous = get();
      set.accept((V) value);
      return previous;
    }
  }
}
