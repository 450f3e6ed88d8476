package net.iotgw.radio.serial;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.stream.AbruptStageTerminationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the connections of one reconnecting link and reports each change once: the first open, a
 * loss, a recovery. Failed attempts while the dongle is away are logged at debug level only (the
 * first failure before any connection at warn), so an unplugged dongle costs two log lines, not one
 * per backoff step.
 *
 * <p>Thread-safe: the stages of successive connections call it from different threads.
 */
public final class LinkMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);

  /** A snapshot: whether a connection is open, and how many opened and were lost so far. */
  public record Status(boolean up, long connections, long losses, Optional<String> lastError) {}

  private final LinkAddress address;
  private final Consumer<? super LinkEvent> events;
  private boolean up;
  private long connections;
  private long losses;
  private long failedAttempts;
  private String lastError;

  public LinkMonitor(LinkAddress address, Consumer<? super LinkEvent> events) {
    this.address = Objects.requireNonNull(address);
    this.events = Objects.requireNonNull(events);
  }

  public LinkAddress address() {
    return address;
  }

  public synchronized Status status() {
    return new Status(up, connections, losses, Optional.ofNullable(lastError));
  }

  /** One connection attempt; tells the monitor when it opened and when it ended. */
  final class Attempt {
    private boolean opened;

    void opened() {
      LinkEvent.Up event;
      synchronized (LinkMonitor.this) {
        opened = true;
        up = true;
        connections++;
        if (connections == 1) {
          LOG.info("radio link {} connected", address);
        } else {
          LOG.info(
              "radio link {} recovered (connection {}, after {} failed attempts)",
              address,
              connections,
              failedAttempts);
        }
        failedAttempts = 0;
        event = new LinkEvent.Up(address, connections);
      }
      events.accept(event);
    }

    void ended(Throwable failure, boolean retried) {
      // The actor system or materializer stopping under the stream is a shutdown, not a loss.
      Throwable cause = failure instanceof AbruptStageTerminationException ? null : failure;
      String why = cause == null ? "closed" : describe(cause);
      LinkEvent.Down event = null;
      synchronized (LinkMonitor.this) {
        lastError = why;
        if (opened) {
          up = false;
          losses++;
          if (cause == null) {
            // The peer closed it, or this side is shutting down: not worth a warning.
            LOG.info("radio link {} closed", address);
          } else if (!retried) {
            LOG.error("radio link {} given up: {}", address, why);
          } else {
            LOG.warn("radio link {} lost: {}; reconnecting", address, why);
          }
          event = new LinkEvent.Down(address, why);
        } else {
          failedAttempts++;
          if (connections == 0 && failedAttempts == 1) {
            LOG.warn("radio link {} cannot be opened: {}; retrying", address, why);
          } else {
            LOG.debug("radio link {} attempt {} failed: {}", address, failedAttempts, why);
          }
        }
      }
      if (event != null) {
        events.accept(event);
      }
    }
  }

  Attempt newAttempt() {
    return new Attempt();
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
