package io.perfweave.agent.config;


/**
 * The least visible methods a rule keeps: {@code public} keeps only public methods,
 * {@code protected} also protected ones, {@code package} also package-private ones, and
 * {@code any} (the default) private ones too.
 */
public enum Visibility {
    PUBLIC, PROTECTED, PACKAGE, ANY;
    public static Visibility parse(String text) {
        for (Visibility value : values()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("visibility must be 'public', 'protected', 'package' or 'any', was '"
                + text + "'");
    }

    /** Whether a method with these visibility flags is kept. */
    public boolean keeps(boolean isPublic, boolean isProtected, boolean isPrivate) {
        return switch (this) {
            case PUBLIC -> isPublic;
            case PROTECTED -> isPublic || isProtected;
            case PACKAGE -> !isPrivate;
            case ANY -> true;
        };
    }
}
