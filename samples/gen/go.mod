module flamekit/samples/gen

go 1.19
