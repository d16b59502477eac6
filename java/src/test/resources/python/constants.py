"""
CPython's view of the numbers jsock reads from the headers, one 'table NAME VALUE' a line:
socket (the module's integer constants), errno (the errno module's names), errorcode (the
canonical name of each errno), family (AddressFamily) and kind (SocketKind); first
of all 'version X.Y.Z'.
"""
import errno
import platform
import socket

print("version", platform.python_version())

for name in sorted(dir(socket)):
    value = getattr(socket, name)
    if name.isupper() and isinstance(value, int) and not isinstance(value, bool):
        print("socket", name, int(value))
for name in sorted(dir(errno)):
    if name.startswith("E") and isinstance(getattr(errno, name), int):
        print("errno", name, getattr(errno, name))
for code, name in sorted(errno.errorcode.items()):
    print("errorcode", name, code)
for family in socket.AddressFamily:
    print("family", family.name, family.value)
for kind in socket.SocketKind:
    print("kind", kind.name, kind.value)
