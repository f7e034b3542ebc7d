package io.perfweave.orchestrator.api;

/** A request the API refuses, with the HTTP status that says why. */
class ApiException extends RuntimeException {

    private final int status;
    private final String allowedMethod;

    ApiException(int status, String message) {
        this(status, message, null);
    }

    private ApiException(int status, String message, String allowedMethod) {
        super(message);
        this.status = status;
        this.allowedMethod = allowedMethod;
    }

    static ApiException methodNotAllowed(String method, String path, String allowedMethod) {
        return new ApiException(405, "method " + method + " not allowed on " + path + ", use " + allowedMethod,
                allowedMethod);
    }

    int status() {
        return status;
    }

    /** The method to name in the {@code Allow} header of a 405, otherwise {@code null}. */
    String allowedMethod() {
        return allowedMethod;
    }
}
