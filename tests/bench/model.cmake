# Included from tests/bench/CMakeLists.txt: include(${CMAKE_CURRENT_LIST_DIR}/model.cmake)
medq_add_bench(bench_model SOURCES ${CMAKE_CURRENT_LIST_DIR}/model_bench.cpp LIBS medq_train)
