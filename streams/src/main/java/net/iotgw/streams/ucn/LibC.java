package net.iotgw.streams.ucn;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls a TUN device needs, bound by JNA direct mapping (one JNI stub per method,
 * no proxy, no reflection per call). Every call declares {@link LastErrorException}, so a -1
 * return arrives as an exception carrying errno, read right after the call on the same thread.
 *
 * <p>The constants are Linux's asm-generic values (x86_64 and aarch64); mips, powerpc and sparc
 * number some of them differently and are not supported.
 */
final class LibC {
  static {
    if (!Platform.isLinux()) {
      throw new UnsupportedOperationException("TUN devices are Linux only, not " + System.getProperty("os.name"));
    }
    Native.register(LibC.class, "c");
  }

  private LibC() {}

  static final int O_RDWR = 0x2;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;

  static final int AF_INET6 = 10;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = O_CLOEXEC;

  static final int EFD_NONBLOCK = O_NONBLOCK;
  static final int EFD_CLOEXEC = O_CLOEXEC;

  static final short POLLIN = 0x1;
  static final short POLLERR = 0x8;
  static final short POLLHUP = 0x10;
  static final short POLLNVAL = 0x20;

  static final int EINTR = 4;
  static final int EIO = 5;
  static final int EAGAIN = 11;
  static final int EINVAL = 22;
  static final int EMSGSIZE = 90;
  static final int ENOBUFS = 105;

  /** linux/if_tun.h: _IOW('T', 202, int). */
  static final long TUNSETIFF = 0x400454caL;
  /** linux/sockios.h. */
  static final long SIOCGIFMTU = 0x8921L;
  static final long SIOCSIFMTU = 0x8922L;

  /** linux/if_tun.h. */
  static final short IFF_TUN = 0x0001;
  static final short IFF_NO_PI = 0x1000;

  /** struct ifreq on LP64: char ifr_name[IFNAMSIZ], then a 24-byte union (flags, mtu, ...). */
  static final int IFNAMSIZ = 16;
  static final int IFREQ_SIZE = 40;
  static final int IFREQ_UNION_OFFSET = IFNAMSIZ;

  /** struct pollfd: int fd; short events; short revents. */
  static final int POLLFD_SIZE = 8;

  static native int open(String path, int flags) throws LastErrorException;

  static native int close(int fd) throws LastErrorException;

  /** ioctl is variadic; a fixed three-argument prototype is ABI-compatible on x86_64/aarch64. */
  static native int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

  static native NativeLong read(int fd, Pointer buffer, NativeLong count)
      throws LastErrorException;

  static native NativeLong write(int fd, Pointer buffer, NativeLong count)
      throws LastErrorException;

  static native int poll(Pointer fds, NativeLong count, int timeoutMillis)
      throws LastErrorException;

  static native int eventfd(int initialValue, int flags) throws LastErrorException;

  static native int socket(int domain, int type, int protocol) throws LastErrorException;
}
