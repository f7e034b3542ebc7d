package io.perfweave.it.apps.proxy;

import java.util.Map;
import java.util.NoSuchElementException;

/** The real implementation behind the price proxy. */
public final class PriceList implements PriceService {
    private static final Map<String, Long> PRICES = Map.of("apple", 3L, "pear", 4L);

    @Override
    public long price(String item) {
        Long price = PRICES.get(item);
        if (price == null) {
            throw new NoSuchElementException("no price for " + item);
        }
        return price;
    }
}
