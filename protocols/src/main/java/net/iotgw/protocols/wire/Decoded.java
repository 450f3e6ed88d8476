package net.iotgw.protocols.wire;

import java.util.function.Function;

/**
 * The outcome of decoding untrusted bytes: a value, or a typed error. Decoders in this project
 * never throw an unchecked exception on bad input; they return {@link Failed}.
 *
 * @param <T> what a successful decode yields
 */
public sealed interface Decoded<T> {

  /** A well-formed input. */
  record Ok<T>(T value) implements Decoded<T> {}

  /** A malformed or unacceptable input, with the reason. */
  record Failed<T>(DecodeError error) implements Decoded<T> {}

  static <T> Decoded<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Decoded<T> failed(DecodeError error) {
    return new Failed<>(error);
  }

  default boolean isOk() {
    return this instanceof Ok<T>;
  }

  /** The value; for tests and callers that have already checked {@link #isOk()}. */
  default T orThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("decode failed: " + ((Failed<T>) this).error());
  }

  default <U> Decoded<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    return new Failed<>(((Failed<T>) this).error());
  }
}
