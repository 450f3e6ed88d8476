package net.iotgw.streams.ucn;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux TUN device in IFF_TUN | IFF_NO_PI mode (Documentation/networking/tuntap.rst): every
 * read returns one whole IP packet as the kernel routed it to the interface, every write injects
 * one whole IP packet as if it had arrived on the interface. No packet-information prefix.
 *
 * <p>Opening attaches to the interface of that name, creating it if it does not exist
 * (CAP_NET_ADMIN), and sets its MTU if it differs. Bringing it up and giving it addresses and
 * routes is the operator's job, with {@code ip}:
 *
 * <pre>
 *   ip link set dev iotgw0 up
 *   ip -6 route add 2001:db8:cd::/64 dev iotgw0        # the CD prefix
 *   sysctl -w net.ipv6.conf.all.forwarding=1           # if UDs reach it through other links
 * </pre>
 *
 * An interface the gateway created is not persistent: it vanishes with its addresses and routes
 * when the device is closed or the process dies, so those commands must follow each start. An
 * operator who wants them to survive restarts, or the gateway to run without privileges, creates a
 * persistent interface beforehand ({@code ip tuntap add dev iotgw0 mode tun user gateway}, whose
 * default is IFF_NO_PI, then {@code ip link set dev iotgw0 mtu 1280 up} and the routes): opening
 * attaches to it and closing leaves it in place.
 *
 * <p>Threading: one reader and one writer at a time, on threads that may block ({@link #read()}
 * waits in poll(2) until a packet or {@link #close()} arrives). {@link #close()} may be called from
 * any thread at any time: it wakes a blocked reader through an eventfd, and the file descriptors
 * are released only when the last read or write in progress has returned, so a descriptor number
 * is never closed under a call that could then hit a reused number.
 */
public final class TunDevice implements AutoCloseable {
  /** RFC 8200 §5: every IPv6 link carries at least 1280 octets. */
  public static final int IPV6_MIN_MTU = 1280;

  /** The largest IPv6 packet without a jumbo payload: 40-octet header + 65535 octets. */
  static final int MAX_IPV6_PACKET = 40 + 65535;

  private static final Logger log = LoggerFactory.getLogger(TunDevice.class);
  private static final String CLONE_DEVICE = "/dev/net/tun";
  /** The kernel's dev_valid_name(), restricted to what an operator would type; %d numbers it. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.%-]{1,15}");

  private final String name;
  private final int mtu;
  private final int fd;
  private final int wakeFd;
  /** Sized for any packet, so a read never truncates even if someone raises the MTU with ip. */
  private final Memory readBuffer = new Memory(MAX_IPV6_PACKET);
  private final Memory writeBuffer = new Memory(MAX_IPV6_PACKET);
  private final Memory pollFds = new Memory(2L * LibC.POLLFD_SIZE);
  private final CompletableFuture<Void> released = new CompletableFuture<>();

  private final Object lock = new Object();
  private int callsInProgress;
  private boolean closing;

  private TunDevice(String name, int mtu, int fd, int wakeFd) {
    this.name = name;
    this.mtu = mtu;
    this.fd = fd;
    this.wakeFd = wakeFd;
  }

  /**
   * Attaches to, or creates, the interface {@code requestedName} (a pattern with {@code %d} lets
   * the kernel pick the number) and gives it {@code mtu}.
   *
   * @throws IOException if the kernel refuses: EPERM without CAP_NET_ADMIN (or not the owner of a
   *     persistent device), EBUSY if another process has it open, EINVAL if a persistent device
   *     of that name is not a TUN without packet information
   */
  public static TunDevice open(String requestedName, int mtu) throws IOException {
    if (!NAME.matcher(requestedName).matches() || ".".equals(requestedName)
        || "..".equals(requestedName)) {
      throw new IllegalArgumentException("not an interface name: " + requestedName);
    }
    if (mtu < IPV6_MIN_MTU || mtu > MAX_IPV6_PACKET - 40) {
      throw new IllegalArgumentException("MTU " + mtu + " outside " + IPV6_MIN_MTU + "..65535");
    }
    int fd = -1;
    int wakeFd = -1;
    try {
      fd = call("open " + CLONE_DEVICE,
          () -> LibC.open(CLONE_DEVICE, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC));
      String name = attach(fd, requestedName);
      setMtu(name, mtu);
      wakeFd = call("eventfd", () -> LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC));
      log.info("TUN {} open (MTU {})", name, mtu);
      return new TunDevice(name, mtu, fd, wakeFd);
    } catch (IOException | RuntimeException e) {
      closeQuietly(wakeFd);
      closeQuietly(fd);
      throw e;
    }
  }

  /** TUNSETIFF: the kernel writes back the name it chose. */
  private static String attach(int fd, String requestedName) throws IOException {
    try (Memory ifreq = ifreq(requestedName)) {
      ifreq.setShort(LibC.IFREQ_UNION_OFFSET, (short) (LibC.IFF_TUN | LibC.IFF_NO_PI));
      call("TUNSETIFF " + requestedName,
          () -> LibC.ioctl(fd, new NativeLong(LibC.TUNSETIFF), ifreq));
      return ifreq.getString(0, StandardCharsets.US_ASCII.name());
    }
  }

  /**
   * SIOCGIFMTU/SIOCSIFMTU go through any socket, not the TUN descriptor. Setting needs
   * CAP_NET_ADMIN, so it is skipped when a persistent device already has the MTU: an unprivileged
   * gateway can then attach to a device the operator prepared.
   */
  private static void setMtu(String name, int mtu) throws IOException {
    int socket =
        call("socket", () -> LibC.socket(LibC.AF_INET6, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0));
    try (Memory ifreq = ifreq(name)) {
      call("SIOCGIFMTU " + name, () -> LibC.ioctl(socket, new NativeLong(LibC.SIOCGIFMTU), ifreq));
      if (ifreq.getInt(LibC.IFREQ_UNION_OFFSET) != mtu) {
        ifreq.setInt(LibC.IFREQ_UNION_OFFSET, mtu);
        call("SIOCSIFMTU " + name + " " + mtu,
            () -> LibC.ioctl(socket, new NativeLong(LibC.SIOCSIFMTU), ifreq));
      }
    } finally {
      closeQuietly(socket);
    }
  }

  private static Memory ifreq(String name) {
    Memory ifreq = new Memory(LibC.IFREQ_SIZE);
    ifreq.clear();
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    ifreq.write(0, bytes, 0, Math.min(bytes.length, LibC.IFNAMSIZ - 1));
    return ifreq;
  }

  /** The interface name the kernel gave the device. */
  public String name() {
    return name;
  }

  /** The MTU set on the interface when it was opened. */
  public int mtu() {
    return mtu;
  }

  /**
   * Waits until the kernel routes a packet to the interface and returns it, or returns empty once
   * the device is closing. Never spins: between packets the thread sleeps in poll(2).
   *
   * @throws IOException on an error that leaves the device unusable
   */
  public Optional<byte[]> read() throws IOException {
    if (!enter()) {
      return Optional.empty();
    }
    try {
      synchronized (readBuffer) {
        return readPacket();
      }
    } finally {
      leave();
    }
  }

  private Optional<byte[]> readPacket() throws IOException {
    while (true) {
      if (!awaitReadable()) {
        return Optional.empty();
      }
      long n;
      try {
        n = LibC.read(fd, readBuffer, new NativeLong(MAX_IPV6_PACKET)).longValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
          continue; // another wake-up raced us to the packet; wait again
        }
        throw failure("read", e);
      }
      if (n > 0) {
        return Optional.of(readBuffer.getByteArray(0, (int) n));
      }
    }
  }

  /** True when the TUN descriptor is readable, false when the wake-up eventfd fired. */
  private boolean awaitReadable() throws IOException {
    while (true) {
      pollFds.setInt(0, fd);
      pollFds.setShort(4, LibC.POLLIN);
      pollFds.setShort(6, (short) 0);
      pollFds.setInt(LibC.POLLFD_SIZE, wakeFd);
      pollFds.setShort(LibC.POLLFD_SIZE + 4, LibC.POLLIN);
      pollFds.setShort(LibC.POLLFD_SIZE + 6, (short) 0);
      try {
        LibC.poll(pollFds, new NativeLong(2), -1);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == LibC.EINTR) {
          continue;
        }
        throw failure("poll", e);
      }
      if (pollFds.getShort(LibC.POLLFD_SIZE + 6) != 0) {
        return false;
      }
      short revents = pollFds.getShort(6);
      if ((revents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
        throw new IOException(name + ": poll reported 0x" + Integer.toHexString(revents));
      }
      if ((revents & LibC.POLLIN) != 0) {
        return true;
      }
    }
  }

  /**
   * Hands one packet to the kernel as if it had arrived on the interface.
   *
   * @return false if the kernel refused this packet (not IP, no buffer, interface down) or the
   *     device is closing: a drop, as on any link
   * @throws IOException on an error that leaves the device unusable
   */
  public boolean write(byte[] packet) throws IOException {
    if (packet.length == 0 || packet.length > MAX_IPV6_PACKET) {
      return false;
    }
    if (!enter()) {
      return false;
    }
    try {
      synchronized (writeBuffer) {
        writeBuffer.write(0, packet, 0, packet.length);
        LibC.write(fd, writeBuffer, new NativeLong(packet.length));
        return true;
      }
    } catch (LastErrorException e) {
      switch (e.getErrorCode()) {
        case LibC.EAGAIN, LibC.EINTR, LibC.ENOBUFS, LibC.EINVAL, LibC.EIO, LibC.EMSGSIZE -> {
          log.debug("{}: write of {} octets refused: {}", name, packet.length, e.getMessage());
          return false;
        }
        default -> throw failure("write", e);
      }
    } finally {
      leave();
    }
  }

  /**
   * Starts closing: a blocked {@link #read()} returns empty, later reads and writes do nothing, and
   * the descriptors (hence the interface) go once no call is in progress. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closing) {
        return;
      }
      closing = true;
      try (Memory one = new Memory(8)) {
        one.setLong(0, 1);
        LibC.write(wakeFd, one, new NativeLong(8));
      } catch (LastErrorException e) {
        log.warn("{}: cannot wake the reader: {}", name, e.getMessage());
      }
      if (callsInProgress == 0) {
        release();
      }
    }
  }

  /** Completes when the descriptors are closed and the interface is gone. */
  public CompletionStage<Void> released() {
    return released.copy();
  }

  private boolean enter() {
    synchronized (lock) {
      if (closing) {
        return false;
      }
      callsInProgress++;
      return true;
    }
  }

  private void leave() {
    synchronized (lock) {
      callsInProgress--;
      if (closing && callsInProgress == 0) {
        release();
      }
    }
  }

  private void release() {
    closeQuietly(fd);
    closeQuietly(wakeFd);
    readBuffer.close();
    writeBuffer.close();
    pollFds.close();
    log.info("TUN {} closed", name);
    released.complete(null);
  }

  private IOException failure(String what, LastErrorException e) {
    return new IOException(name + ": " + what + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(int fd) {
    if (fd >= 0) {
      try {
        LibC.close(fd);
      } catch (LastErrorException e) {
        log.warn("close({}): {}", fd, e.getMessage());
      }
    }
  }

  @FunctionalInterface
  private interface NativeCall {
    int invoke() throws LastErrorException;
  }

  private static int call(String what, NativeCall call) throws IOException {
    try {
      return call.invoke();
    } catch (LastErrorException e) {
      throw new IOException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TunDevice[" + name + ", MTU " + mtu + "]";
  }
}
