fn main() {
    samspil::start();
}
