package dev.daylight.ui;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips stage tests, each with the reason, where no X display can be reached; registered before
 * TestFX's extension so the toolkit is never started without one.
 */
public final class NeedsDisplay implements ExecutionCondition {
  private static final boolean REACHABLE = Displays.reachable();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return REACHABLE
        ? ConditionEvaluationResult.enabled("X display reachable")
        : ConditionEvaluationResult.disabled(Displays.SKIP);
  }
}
