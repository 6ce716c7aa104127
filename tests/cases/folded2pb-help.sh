folded2pb --help
folded2pb --version | sed 's/) .*/) VERSION/'
