fn main() {
    kube_sim_web::start();
}
