package dev.daylight.ui;

import dev.daylight.testing.Requires;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips stage tests, each with the reason, where no X display can be reached (fails them under
 * {@link Requires#ALL}); registered before TestFX's extension so the toolkit is never started
 * without one.
 */
public final class NeedsDisplay implements ExecutionCondition {
  private static final boolean REACHABLE = Displays.reachable();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Requires.enabledIf(REACHABLE, Displays.SKIP);
  }
}
