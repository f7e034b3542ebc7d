package io.perfweave.agent.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * One YAML document as a stream of tokens with their positions, read by SnakeYAML's parser (its
 * events, without building a tree or objects). Plain scalars are typed as YAML's core schema types
 * them: {@code null}, {@code ~} and nothing are null; {@code true} and {@code false} booleans;
 * decimal integers and floats numbers; everything else, and every quoted scalar, a string.
 *
 * <p>Why not Jackson's YAML parser on top: at the JVM's start, in {@code premain}, its classes
 * and set-up took 60-80 ms (JDK 25) beside SnakeYAML's own.
 */
final class YamlTokens {
    /** What the current token is. */
    enum Token {
        START_MAPPING, END_MAPPING, START_LIST, END_LIST, KEY, STRING, INTEGER, NUMBER, TRUE, FALSE, NULL;

        boolean isScalar() {
            return ordinal() >= STRING.ordinal();
        }
    }

    /** A position in the document, 1-based. */
    record At(int line, int column) {
    }

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?");

    private final Parser parser;
    private final String source;
    /** The mappings and lists being read, innermost first. */
    private final Deque<Collection> open = new ArrayDeque<>();
    private Token current;
    private String text;
    private At at = new At(1, 1);
    private boolean started;
    private boolean ended;

    YamlTokens(String document, String source) {
        LoaderOptions options = new LoaderOptions();
        this.parser = new ParserImpl(new StreamReader(new StringReader(document)), options);
        this.source = source;
    }

    /** Moves to the next token; null at the end of the document. */
    Token next() throws ConfigException {
        try {
            return advance();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(source + (mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1))
                    + ": " + (e.getContext() == null ? "" : e.getContext() + ": ") + problem, e);
        } catch (YAMLException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private Token advance() throws ConfigException {
        if (ended) {
            return current = null;
        }
        Event event = parser.getEvent();
        if (!started) {
            while (event.is(Event.ID.StreamStart) || event.is(Event.ID.DocumentStart)) {
                event = parser.getEvent();
            }
            started = true;
        }
        if (event.is(Event.ID.DocumentEnd) || event.is(Event.ID.StreamEnd)) {
            // a second document is not this config's end: it is reported as unexpected
            while (event.is(Event.ID.DocumentEnd)) {
                event = parser.getEvent();
            }
            if (event.is(Event.ID.StreamEnd)) {
                ended = true;
                return current = null;
            }
            if (event.is(Event.ID.DocumentStart)) {
                event = parser.getEvent();
            }
        }
        at = new At(event.getStartMark().getLine() + 1, event.getStartMark().getColumn() + 1);
        text = null;
        Collection enclosing = open.peek();
        if (event.is(Event.ID.MappingEnd)) {
            open.pop();
            valueDone();
            return current = Token.END_MAPPING;
        }
        if (enclosing != null && enclosing.keyNext) {
            if (!(event instanceof ScalarEvent key)) {
                throw new ConfigException(source + ":" + at.line() + ":" + at.column() + ": a key must be a plain word");
            }
            enclosing.keyNext = false;
            text = key.getValue();
            return current = Token.KEY;
        }
        if (event instanceof AliasEvent) {
            throw new ConfigException(source + ":" + at.line() + ":" + at.column()
                    + ": aliases (*name) are not supported in the config");
        }
        if (event.is(Event.ID.MappingStart)) {
            open.push(new Collection(true));
            return current = Token.START_MAPPING;
        }
        if (event.is(Event.ID.SequenceStart)) {
            open.push(new Collection(false));
            return current = Token.START_LIST;
        }
        if (event.is(Event.ID.SequenceEnd)) {
            open.pop();
            valueDone();
            return current = Token.END_LIST;
        }
        ScalarEvent scalar = (ScalarEvent) event;
        text = scalar.getValue();
        valueDone();
        return current = scalar.isPlain() && scalar.getTag() == null ? typeOf(text) : Token.STRING;
    }

    /** A value is complete: in a mapping, the next node is a key. */
    private void valueDone() {
        Collection enclosing = open.peek();
        if (enclosing != null && enclosing.mapping) {
            enclosing.keyNext = true;
        }
    }

    /** A mapping or a list being read. */
    private static final class Collection {
        final boolean mapping;
        /** In a mapping: whether its next node is a key. */
        boolean keyNext;

        Collection(boolean mapping) {
            this.mapping = mapping;
            this.keyNext = mapping;
        }
    }

    private static Token typeOf(String plain) {
        switch (plain) {
            case "", "~", "null", "Null", "NULL":
                return Token.NULL;
            case "true", "True", "TRUE":
                return Token.TRUE;
            case "false", "False", "FALSE":
                return Token.FALSE;
            default:
                if (INTEGER.matcher(plain).matches()) {
                    return Token.INTEGER;
                }
                return NUMBER.matcher(plain).matches() ? Token.NUMBER : Token.STRING;
        }
    }

    Token current() {
        return current;
    }

    /** The current key's name, or the current scalar's text; null otherwise. */
    String text() {
        return text;
    }

    At at() {
        return at;
    }

    /** Whether the current integer fits an int. */
    boolean fitsInt() {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
