package io.perfweave.it.apps.proxy;

/** A generic base interface, as Spring Data's {@code CrudRepository} is. */
public interface Repository<T> {
    T findById(long id);
}
