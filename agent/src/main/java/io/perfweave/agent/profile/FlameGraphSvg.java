package io.perfweave.agent.profile;

import java.util.Map;
import java.util.TreeMap;

/**
 * Draws a profile as a flame graph: a self-contained SVG (no script, no external reference) in which
 * each frame is a box as wide as the samples whose stack passes through it, its callees stacked
 * above it, the operation's method at the bottom. Hovering a box shows its full name and samples
 * (its title). Boxes too narrow to see are left out, so the drawing stays small whatever the number
 * of stacks.
 */
public final class FlameGraphSvg {
    static final int WIDTH = 1200;
    private static final int FRAME_HEIGHT = 16;
    private static final int TOP = 36;
    private static final int SIDE = 10;
    private static final double MIN_WIDTH = 0.5;
    /** Width of a character of the 11 px monospace font, to clip names to their box. */
    private static final double CHAR_WIDTH = 6.7;

    private FlameGraphSvg() {
    }

    public static String render(ProfileSnapshot profile) {
        Node all = new Node("all");
        int depth = 0;
        for (CollapsedStack stack : profile.stacks()) {
            all.samples += stack.samples();
            Node node = all;
            for (String frame : stack.frames()) {
                node = node.children.computeIfAbsent(frame, Node::new);
                node.samples += stack.samples();
            }
            depth = Math.max(depth, stack.frames().size());
        }
        int height = TOP + (depth + 1) * FRAME_HEIGHT + SIDE;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">\n")
                .append("<style>text{font-family:monospace;font-size:11px;fill:#000}")
                .append(".title{font-size:15px;font-family:sans-serif}</style>\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#fdfdf6\"/>\n")
                .append("<text class=\"title\" x=\"").append(SIDE).append("\" y=\"22\">")
                .append(escape("Slow calls of " + profile.operation() + ": " + profile.samples() + " sample"
                        + (profile.samples() == 1 ? "" : "s")
                        + (profile.samples() == 0 ? " (no call has been slower than its slower_than_ms yet)" : "")))
                .append("</text>\n");
        if (all.samples > 0) {
            double scale = (WIDTH - 2.0 * SIDE) / all.samples;
            draw(svg, all, SIDE, height - SIDE - FRAME_HEIGHT, scale, all.samples);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void draw(StringBuilder svg, Node node, double x, int y, double scale, long total) {
        double width = node.samples * scale;
        String label = node.name + " (" + node.samples + " sample" + (node.samples == 1 ? "" : "s") + ", "
                + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * node.samples / total) + " %)";
        svg.append("<g><title>").append(escape(label)).append("</title><rect x=\"").append(round(x))
                .append("\" y=\"").append(y).append("\" width=\"").append(round(Math.max(width - 0.5, 0.1)))
                .append("\" height=\"").append(FRAME_HEIGHT - 1).append("\" rx=\"2\" fill=\"").append(colour(node.name))
                .append("\"/>");
        int fits = (int) ((width - 6) / CHAR_WIDTH);
        if (fits >= 3) {
            String text = node.name.length() <= fits ? node.name : node.name.substring(0, fits - 2) + "..";
            svg.append("<text x=\"").append(round(x + 3)).append("\" y=\"").append(y + 11).append("\">")
                    .append(escape(text)).append("</text>");
        }
        svg.append("</g>\n");
        double childX = x;
        for (Node child : node.children.values()) {
            if (child.samples * scale >= MIN_WIDTH) {
                draw(svg, child, childX, y - FRAME_HEIGHT, scale, total);
            }
            childX += child.samples * scale;
        }
    }

    /** Warm colours for the application's frames, cool ones for the JDK's, grey for the profile's own markers. */
    static String colour(String frame) {
        int hash = frame.hashCode() & 0x7fffffff;
        int vary = hash % 55;
        if (frame.equals("all") || StackProfile.isMarker(frame)) {
            return "rgb(200,200,200)";
        }
        if (ProfileSnapshot.isJdkFrame(frame)) {
            return "rgb(" + (80 + vary) + "," + (170 + vary % 40) + "," + (190 + vary % 30) + ")";
        }
        return "rgb(" + (205 + vary % 50) + "," + (90 + vary * 2) + "," + (40 + vary % 30) + ")";
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot hold become '?'. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF ? '?' : c);
            }
        }
        return out.toString();
    }

    /** A frame in the merged tree of stacks; children by name, so drawn in a stable order. */
    private static final class Node {
        final String name;
        final Map<String, Node> children = new TreeMap<>();
        long samples;

        Node(String name) {
            this.name = name;
        }
    }
}
