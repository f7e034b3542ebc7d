package io.perfweave.it.apps.proxy;

/** Implemented by a real class, and called through a proxy in front of it, as Spring's JDK proxies are. */
public interface PriceService {
    long price(String item);
}
