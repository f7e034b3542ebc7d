package io.perfweave.agent.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0.0: the
 * metadata lines, samples with escaped label values, numbers as both formats require, and the
 * closing {@code # EOF} of OpenMetrics. Families must be written whole, one after another; the
 * writer does not reorder what it is given.
 */
public final class ExpositionWriter {
    /** The kinds of family perfweave exposes. */
    public enum Type {
        COUNTER("counter"), GAUGE("gauge"), HISTOGRAM("histogram");

        final String word;

        Type(String word) {
            this.word = word;
        }
    }

    /** Text written is handed to the sink in pieces of about this many characters. */
    private static final int PIECE = 32 * 1024;

    private final ExpositionFormat format;
    private final StringBuilder out = new StringBuilder(4096);
    /** Where the text goes as it is written; null to keep it all for {@link #finish()}. */
    private final Writer sink;
    private char[] piece = new char[0];

    public ExpositionWriter(ExpositionFormat format) {
        this(format, null);
    }

    /** A writer that streams: what is written reaches {@code sink} piece by piece, never held whole. */
    public ExpositionWriter(ExpositionFormat format, Writer sink) {
        this.format = format;
        this.sink = sink;
    }

    public ExpositionFormat format() {
        return format;
    }

    /**
     * Starts a family. {@code name} is what samples are called, without a counter's
     * {@code _total}: {@code foo} for a counter sampled as {@code foo_total}.
     *
     * @param unit the unit that ends {@code name} (OpenMetrics {@code # UNIT}), or null
     */
    public ExpositionWriter family(String name, Type type, String unit, String help) {
        String described = format == ExpositionFormat.PROMETHEUS_TEXT && type == Type.COUNTER ? name + "_total" : name;
        if (format == ExpositionFormat.OPENMETRICS) {
            out.append("# TYPE ").append(described).append(' ').append(type.word).append('\n');
            if (unit != null) {
                out.append("# UNIT ").append(described).append(' ').append(unit).append('\n');
            }
            out.append("# HELP ").append(described).append(' ');
            escape(help, false);
            out.append('\n');
        } else {
            // the order the Prometheus client libraries write, HELP first
            out.append("# HELP ").append(described).append(' ');
            escape(help, true);
            out.append('\n');
            out.append("# TYPE ").append(described).append(' ').append(type.word).append('\n');
        }
        return this;
    }

    /** A sample with an integer value. {@code labels} alternates names and values. */
    public ExpositionWriter sample(String name, List<String> labels, long value) {
        labels(name, labels);
        out.append(value).append('\n');
        return drainIfLarge();
    }

    /**
     * A sample with an integer value whose labels are {@code labels} and one more pair, such as
     * a histogram bucket's {@code le}: written without building a list per sample.
     */
    public ExpositionWriter sample(String name, List<String> labels, String lastLabel, String lastValue, long value) {
        out.append(name).append('{');
        for (int i = 0; i < labels.size(); i += 2) {
            out.append(labels.get(i)).append("=\"");
            escape(labels.get(i + 1), false);
            out.append("\",");
        }
        out.append(lastLabel).append("=\"");
        escape(lastValue, false);
        out.append("\"} ").append(value).append('\n');
        return drainIfLarge();
    }

    /** A sample with a floating-point value. */
    public ExpositionWriter sample(String name, List<String> labels, double value) {
        labels(name, labels);
        out.append(number(value)).append('\n');
        return drainIfLarge();
    }

    /**
     * The finished exposition; for a streaming writer, the rest of it goes to the sink (which is
     * flushed) and the answer is empty.
     */
    public String finish() {
        if (format == ExpositionFormat.OPENMETRICS) {
            out.append("# EOF\n");
        }
        if (sink == null) {
            return out.toString();
        }
        drain();
        try {
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "";
    }

    private ExpositionWriter drainIfLarge() {
        if (sink != null && out.length() >= PIECE) {
            drain();
        }
        return this;
    }

    private void drain() {
        if (piece.length < out.length()) {
            piece = new char[out.length()];
        }
        out.getChars(0, out.length(), piece, 0);
        try {
            sink.write(piece, 0, out.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the scraper left: the request ends here
        }
        out.setLength(0);
    }

    private void labels(String name, List<String> labels) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            for (int i = 0; i < labels.size(); i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels.get(i)).append("=\"");
                escape(labels.get(i + 1), false);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
    }

    /**
     * Escapes backslash, line feed and (outside 0.0.4 help text, where it is literal) the double
     * quote, as both formats' grammars require.
     */
    private void escape(String text, boolean textFormatHelp) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(textFormatHelp ? "\"" : "\\\"");
                default -> out.append(c);
            }
        }
    }

    /**
     * A float as OpenMetrics asks for {@code le} values (and as perfweave writes every float, so
     * that one number always reads the same): Go's shortest {@code %g}, with {@code .0} added
     * when there is neither a point nor an exponent. So 0.0005, 0.001, 1.0, 10.0, 100000.0,
     * 1e+06, 1e-05; infinities as {@code +Inf} and {@code -Inf}.
     */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            return sign + scientific(digits, exponent);
        }
        String plain = decimal.abs().toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }

    private static String scientific(String digits, int exponent) {
        StringBuilder text = new StringBuilder(digits.length() + 6);
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            text.append('0');
        }
        return text.append(magnitude).toString();
    }
}
