package io.perfweave.agent.weave;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an advice parameter to whether calls are broken down into the timed calls inside them
 * ({@code breakdown: true}), woven as a boolean constant: with it off, the JIT drops the branch
 * and the advice is what it was without the breakdown.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Breakdown {
}
