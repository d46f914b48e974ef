// Linux syscalls that glibc does not wrap (or wraps only in recent versions), exposed to Swift.
// Swift cannot call the variadic syscall(2) and cannot see function-like macros, so each call gets
// one prefixed function here. No logic: every wrapper is a single syscall returning -1 and errno on
// failure, exactly as the kernel answered.
#ifndef CAIRLOCKLINUX_H
#define CAIRLOCKLINUX_H

#include <stddef.h>
#include <sys/types.h>
#include <linux/capability.h>
#include <linux/openat2.h>

// O_PATH: glibc declares it only under _GNU_SOURCE, which Swift's Glibc module is built without.
extern const int airlock_o_path;

// pidfd_open(2): a file descriptor that refers to one process, immune to pid reuse.
int airlock_pidfd_open(pid_t pid, unsigned int flags);

// pidfd_getfd(2): duplicate file descriptor `targetfd` of the process behind `pidfd` into ours.
int airlock_pidfd_getfd(int pidfd, int targetfd, unsigned int flags);

// openat2(2): openat with RESOLVE_* flags (RESOLVE_IN_ROOT, RESOLVE_NO_MAGICLINKS, ...).
int airlock_openat2(int dirfd, const char *path, struct open_how *how, size_t size);

// capget(2)/capset(2) for the calling thread (capabilities are per thread on Linux).
int airlock_capget(struct __user_cap_header_struct *header, struct __user_cap_data_struct *data);
int airlock_capset(struct __user_cap_header_struct *header, const struct __user_cap_data_struct *data);

#endif
