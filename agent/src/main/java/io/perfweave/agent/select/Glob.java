package io.perfweave.agent.select;

import java.util.regex.Pattern;

/**
 * A name pattern: {@code *} matches within one package segment (no dot), {@code **} matches
 * across segments, {@code ?} one character; everything else is literal. A pattern without
 * wildcards is an exact name and is matched by string equality.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String text) {
        if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
            return new Glob(text, null);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^.]*");
                }
            } else if (c == '?') {
                regex.append("[^.]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(regex.toString()));
    }

    public boolean matches(String name) {
        return pattern == null ? text.equals(name) : pattern.matcher(name).matches();
    }

    /** True when the pattern is an exact name. */
    public boolean isExact() {
        return pattern == null;
    }

    /**
     * The literal text before the first wildcard: every name the glob matches starts with it,
     * which lets the type matcher reject most classes by a cheap prefix test.
     */
    public String literalPrefix() {
        int star = text.indexOf('*');
        int question = text.indexOf('?');
        int end = star < 0 ? question : question < 0 ? star : Math.min(star, question);
        return end < 0 ? text : text.substring(0, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
