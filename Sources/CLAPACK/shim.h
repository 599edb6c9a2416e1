/*
 * Declarations of the reference LAPACK routines govsim calls, in the Fortran calling
 * convention of Debian's liblapack3 (gfortran): every argument by pointer, a trailing
 * underscore, and one hidden `size_t` length argument per CHARACTER argument, appended
 * at the end in order. Debian ships no lapacke.h without liblapacke-dev, so these are
 * declared here. Only GovSimCore/Statistics calls them.
 */
#ifndef GOVSIM_CLAPACK_SHIM_H
#define GOVSIM_CLAPACK_SHIM_H

#include <stddef.h>

/* QR factorisation with column pivoting: A P = Q R. */
void dgeqp3_(const int *m, const int *n, double *a, const int *lda, int *jpvt,
             double *tau, double *work, const int *lwork, int *info);

/* Householder QR without pivoting: A = Q R. */
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
             double *work, const int *lwork, int *info);

/* Multiply by Q or Q^T from a dgeqrf/dgeqp3 factorisation. */
void dormqr_(const char *side, const char *trans, const int *m, const int *n, const int *k,
             const double *a, const int *lda, const double *tau, double *c, const int *ldc,
             double *work, const int *lwork, int *info, size_t side_len, size_t trans_len);

/* Solve a triangular system with many right-hand sides. */
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n,
             const int *nrhs, const double *a, const int *lda, double *b, const int *ldb,
             int *info, size_t uplo_len, size_t trans_len, size_t diag_len);

/* Inverse of a triangular matrix. */
void dtrtri_(const char *uplo, const char *diag, const int *n, double *a, const int *lda,
             int *info, size_t uplo_len, size_t diag_len);

/* Reciprocal condition number of a triangular matrix. */
void dtrcon_(const char *norm, const char *uplo, const char *diag, const int *n,
             const double *a, const int *lda, double *rcond, double *work, int *iwork,
             int *info, size_t norm_len, size_t uplo_len, size_t diag_len);

/* Least squares by Householder QR (full rank). */
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a,
            const int *lda, double *b, const int *ldb, double *work, const int *lwork,
            int *info, size_t trans_len);

/* Cholesky factorisation of a symmetric positive definite matrix. */
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);

/* Eigenvalues and eigenvectors of a symmetric matrix. */
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
            double *w, double *work, const int *lwork, int *info, size_t jobz_len,
            size_t uplo_len);

/* Singular value decomposition. */
void dgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, double *a,
             const int *lda, double *s, double *u, const int *ldu, double *vt,
             const int *ldvt, double *work, const int *lwork, int *info, size_t jobu_len,
             size_t jobvt_len);

#endif
