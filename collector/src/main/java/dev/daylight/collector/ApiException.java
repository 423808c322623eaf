package dev.daylight.collector;

/** A request the collector refuses: the status and a short reason, sent as {@code {"error":...}}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequest(String why) {
    return new ApiException(400, why);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "missing or unknown credentials");
  }

  public static ApiException notFound() {
    return new ApiException(404, "not found");
  }
}
