package io.perfweave.agent.profile;

/**
 * A frame of a profile and the share of the profile's samples whose stack contains it.
 *
 * @param frame {@code com.acme.Class.method}
 * @param samples samples whose stack contains the frame (once per sample, however often it recurs)
 * @param percent {@code samples} as a percentage of all the profile's samples
 */
public record FrameShare(String frame, long samples, double percent) {
    /** The frame without its package, as a sentence names it: {@code DynamicTimeWarping.distance}. */
    public String simpleFrame() {
        int method = frame.lastIndexOf('.');
        int type = method <= 0 ? -1 : frame.lastIndexOf('.', method - 1);
        return frame.substring(type + 1);
    }
}
