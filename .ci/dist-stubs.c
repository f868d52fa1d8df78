/* Stand-ins linked into the static binary of `make dist` (.ci/dist-static.sh).
 *
 * arc4random: the static libstdc++ of Debian 12 (std::random_device) calls it,
 * and glibc has it only from 2.36; this one reads getrandom(2) (glibc 2.25), so
 * the binary runs on glibc 2.35 (Ubuntu 22.04) too.
 *
 * GSSAPI: make dist links libgit2 statically. Debian's libgit2 is built with GSSAPI
 * (the "Negotiate" HTTP authentication of Kerberos), and Debian ships no static
 * libgssapi_krb5; podgrade never sends credentials (README: "No credentials are
 * sent"), so these stand-ins answer GSS_S_FAILURE: a server that asks for
 * Negotiate gets the same authentication error as one asking for a password. */
#include <stdint.h>
#include <sys/random.h>

uint32_t arc4random(void) {
    uint32_t value = 0;
    while (getrandom(&value, sizeof value, 0) != (ssize_t)sizeof value) {
    }
    return value;
}

typedef unsigned int OM_uint32;
#define GSS_S_FAILURE (13u << 16)

void *GSS_C_NT_HOSTBASED_SERVICE = 0;

static OM_uint32 fail(OM_uint32 *minor) {
    if (minor) *minor = 0;
    return GSS_S_FAILURE;
}
OM_uint32 gss_indicate_mechs(OM_uint32 *minor, void **mechs) {
    if (mechs) *mechs = 0;
    return fail(minor);
}
OM_uint32 gss_import_name(OM_uint32 *minor, void *name, void *type, void **out) {
    (void)name; (void)type;
    if (out) *out = 0;
    return fail(minor);
}
OM_uint32 gss_init_sec_context(OM_uint32 *minor, void *cred, void **ctx, void *target, void *mech,
                               OM_uint32 flags, OM_uint32 time, void *bindings, void *input,
                               void **actual_mech, void *output, OM_uint32 *ret_flags, OM_uint32 *time_rec) {
    (void)cred; (void)ctx; (void)target; (void)mech; (void)flags; (void)time; (void)bindings;
    (void)input; (void)output;
    if (actual_mech) *actual_mech = 0;
    if (ret_flags) *ret_flags = 0;
    if (time_rec) *time_rec = 0;
    return fail(minor);
}
OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status, int type, void *mech,
                             OM_uint32 *message_context, void *status_string) {
    (void)status; (void)type; (void)mech; (void)status_string;
    if (message_context) *message_context = 0;
    return fail(minor);
}
OM_uint32 gss_delete_sec_context(OM_uint32 *minor, void **ctx, void *output) {
    (void)output;
    if (ctx) *ctx = 0;
    if (minor) *minor = 0;
    return 0;
}
OM_uint32 gss_release_buffer(OM_uint32 *minor, void *buffer) {
    (void)buffer;
    if (minor) *minor = 0;
    return 0;
}
OM_uint32 gss_release_name(OM_uint32 *minor, void **name) {
    if (name) *name = 0;
    if (minor) *minor = 0;
    return 0;
}
OM_uint32 gss_release_oid_set(OM_uint32 *minor, void **set) {
    if (set) *set = 0;
    if (minor) *minor = 0;
    return 0;
}
