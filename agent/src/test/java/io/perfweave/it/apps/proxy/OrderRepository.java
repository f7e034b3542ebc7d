package io.perfweave.it.apps.proxy;

import java.io.IOException;
import java.util.List;

/** Implemented only by a {@code java.lang.reflect.Proxy}, as a Spring Data repository or a Feign client is. */
public interface OrderRepository extends Repository<String> {
    List<String> findByCustomer(String customer);

    void save(String order) throws IOException;

    int count();

    default String describe() {
        return "an order repository";
    }
}
