/* Helpers shared by the cloud channel's files. */
#ifndef GOST_CLOUD_CHANNEL_INTERNAL_H
#define GOST_CLOUD_CHANNEL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

int cloud_io_write(int fd, const uint8_t *p, size_t n);
int cloud_io_read(int fd, uint8_t *p, size_t n);
int cloud_io_send_clear(int fd, const uint8_t *msg, size_t len);
int cloud_io_recv_clear(int fd, uint8_t *msg, size_t cap, size_t *len);

#endif
