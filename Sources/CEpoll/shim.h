// Linux's epoll and eventfd, which Glibc's Swift module leaves out (HTTPCore/EpollPool.swift).
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
