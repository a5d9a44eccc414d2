

# Escape sequences in an exception's type name and message, and in what it prints: set the terminal's
# title (OSC), clear the screen (CSI), ring the bell, write a link; the student id starts with "=".
print("\x1b]0;owned\x07\x1b[2J\x1b[31mRED\x1b[0m\x9b2J\x07")
Injected = type("Boom\x1b]8;;http://evil.example\x07click\x1b]8;;\x07\x1b[2J", (Exception,), {})


def add(a, b):
    raise Injected("\x1b[2J\x1b]0;title\x07\x1b[1;31mred\r\x08\u202eevil")
