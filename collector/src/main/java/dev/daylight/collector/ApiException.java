package dev.daylight.collector;

/**
 * A request the collector refuses: the status and a short reason, sent as {@code {"error":...}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final java.util.Map<String, String> details;

  public ApiException(int status, String message) {
    this(status, message, java.util.Map.of());
  }

  /**
   * With more fields for the response body beside {@code error} (our own words, never a secret).
   */
  public ApiException(int status, String message, java.util.Map<String, String> details) {
    super(message);
    this.status = status;
    this.details = java.util.Map.copyOf(details);
  }

  /** The response body: {@code error} and the details. */
  public java.util.Map<String, String> body() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("error", getMessage());
    out.putAll(details);
    return out;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequest(String why) {
    return new ApiException(400, why);
  }

  /**
   * {@code by}, who made an administrator's change, as the audit and the log keep it: required, at
   * most 200 printable characters. Otherwise a 400 saying so, naming the act ("who decides").
   */
  public static String requireBy(String by, String act) {
    if (by == null
        || by.isBlank()
        || by.length() > MAX_BY
        || by.chars().anyMatch(Character::isISOControl)) {
      throw badRequest(
          "by (who " + act + ") is required: at most " + MAX_BY + " printable characters");
    }
    return by;
  }

  private static final int MAX_BY = 200;

  public static ApiException unauthorized() {
    return new ApiException(401, "missing or unknown credentials");
  }

  public static ApiException notFound() {
    return new ApiException(404, "not found");
  }
}
