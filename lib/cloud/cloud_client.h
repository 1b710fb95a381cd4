/* The client side of the channel as the module and the gost-cloud utility
 * use it: TCP to the server of the settings, then the handshake with the
 * password or one-time password the settings name. */
#ifndef GOST_CLOUD_CLIENT_H
#define GOST_CLOUD_CLIENT_H

#include <stddef.h>

#include "cloud/cloud_channel.h"
#include "cloud/cloud_conf.h"

/* A TCP connection (TCP_NODELAY) to host:port, or -1. */
int cloud_tcp_connect(const char *host, const char *port);

/* Connects and authenticates as conf->user with conf->suite. The password
 * is pw when given; else the one-time password of conf->otp_file when set;
 * else the content of conf->password_file. GOST_ERR_AUTH for a refused
 * login (wrong password, unknown or locked account: the server does not
 * say which), GOST_ERR_IO when the server cannot be reached. */
int cloud_client_connect_conf(const struct cloud_conf *conf, const char *pw, size_t pw_len,
                              struct cloud_conn *c);

#endif
